"""What collaborations hold about a person, for their data export and their erasure.

Memberships stay on erasure (a school took part with so many students: the network's counts),
as an anonymous teacher. What the person wrote goes: their diary posts (with the photos' files)
and the messages of their join requests and of the invitations they sent; invitations waiting
for them are withdrawn.
"""

from .selectors.personal_data import personal_data_of
from .services.personal_data import personal_data_erase


def export_collaborations(user) -> dict:
    return personal_data_of(user=user)


def erase_collaborations(user) -> None:
    personal_data_erase(user=user, by=None)
