"""Write-a-thon batches: a participant list in, a pile of letters out."""
