first second

