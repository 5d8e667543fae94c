class ConferenceError(Exception):
    """A conference action that cannot be done; the message is for the person who tried."""
