class AwardsError(Exception):
    """An Awards action that cannot be done; the message is for the person who tried."""
