"""``python -m govextract`` runs the command-line tool."""
from govextract.cli import main

if __name__ == "__main__":
    main()
