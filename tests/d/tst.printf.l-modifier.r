-3 3 ff

