"""`python -m fourtwo` runs the same command line as the `fourtwo` script."""

from fourtwo.cli import main

if __name__ == "__main__":
    main()
