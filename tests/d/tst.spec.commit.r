speculative

