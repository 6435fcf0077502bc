six=6 twice=12

