"""dialoog's benchmarks: figures as ratios to a baseline measured in the same run."""
