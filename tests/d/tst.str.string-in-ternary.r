no

