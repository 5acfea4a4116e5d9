import sys

# The test directory is mounted from the host; make its helpers importable.
sys.path.insert(0, __file__.rsplit("/", 1)[0])
