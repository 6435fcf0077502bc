bc c

