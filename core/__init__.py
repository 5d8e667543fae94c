"""The lowest layer: roles, images, mail and the outbox, audit, exports, charts, errors, forms.

Imports nothing of ours; every app may import it.
"""
