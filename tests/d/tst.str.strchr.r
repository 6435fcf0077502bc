llo|hello

