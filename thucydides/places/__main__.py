"""`python -m thucydides.places` rebuilds the shipped gazetteer index from the installed sources."""

from thucydides.places.build import main

raise SystemExit(main())
