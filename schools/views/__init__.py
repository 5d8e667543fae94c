"""The views of schools: the public directory and school pages (directory), the edit page of
a school (edit) and the staff area for schools (staff)."""
