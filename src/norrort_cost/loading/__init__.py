"""Loading: the only code that reads input files. It turns them into validated models."""

from norrort_cost.loading.dataset import default_data_dir, load_dataset

__all__ = ["default_data_dir", "load_dataset"]
