"""Reads about collaborations, with their queries decided here: one module per aggregate
(collaborations, memberships, join_requests, invitations, diary, matching). Import from the
module that defines the name."""
