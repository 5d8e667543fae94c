"""The forms of the collaboration pages, one module per aggregate (collaborations,
join_requests, members, invitations, diary, filters). Import from the module that defines the
name."""
