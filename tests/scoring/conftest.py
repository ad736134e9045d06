from __future__ import annotations

import pytest

from spbe.scoring import Framework, get_framework


@pytest.fixture(scope="session")
def f59() -> Framework:
    return get_framework("permenpanrb-59-2020")


@pytest.fixture(scope="session")
def f18() -> Framework:
    return get_framework("permenpanrb-5-2018")


@pytest.fixture(scope="session")
def f26() -> Framework:
    return get_framework("permenpanrb-8-2026")
