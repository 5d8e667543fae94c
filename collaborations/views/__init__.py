"""The collaboration pages, one module per aggregate (browse, manage, join_requests, members,
invitations, diary); lookups holds the objects their permissions are about. Import from the
module that defines the name."""
