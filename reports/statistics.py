"""Network statistics for the public page, cached (in progress)."""


def refresh() -> None:
    return None
