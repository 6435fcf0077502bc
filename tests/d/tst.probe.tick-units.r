all fired

