hello|     hello|hello     |hel|he    |

