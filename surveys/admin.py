"""No back-office pages: staff build, run and read surveys in the staff area
(/staff/surveys/), where the services keep the structure frozen once a survey is open."""
