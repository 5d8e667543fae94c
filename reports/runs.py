"""Report runs: request, generate with progress, notify, retry, clean up (in progress)."""


def clean_old_files() -> int:
    return 0
