"""The surveys' pages: answer (teachers), staff (building and running a survey), results."""
