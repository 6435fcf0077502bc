profile-1000hz

