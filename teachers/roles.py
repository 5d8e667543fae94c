"""Names of the role groups. Staff and judges are groups; a teacher is a user with a profile."""

STAFF_GROUP = "ASEF staff"
JUDGES_GROUP = "Judges"
