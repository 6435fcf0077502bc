one []

