sum is 42

