exiting

