"""Every read of the surveys app, one module per aggregate: surveys (staff lists, the hub, the
audience), answering (invitations, a survey's structure, who may answer) and results."""
