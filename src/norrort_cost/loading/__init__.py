"""Loading: the only code that reads input files. It turns them into validated models."""

from norrort_cost.loading.dataset import check_dataset, default_data_dir, load_dataset

__all__ = ["check_dataset", "default_data_dir", "load_dataset"]
