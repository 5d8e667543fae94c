"""The views of teachers: a person's own pages under /me/ (me), partner finding (directory),
the staff area for people (staff), and how a refused permission is explained (access)."""
