e

