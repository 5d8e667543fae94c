"""Writes for collaborations, one module per aggregate: collaborations (propose, edit, status),
memberships (leave, remove, co-leads), join_requests, invitations and diary. Import from the
module that defines the name."""
