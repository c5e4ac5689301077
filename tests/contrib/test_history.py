from __future__ import annotations

import threading
import types

import pytest

from credguard import ContextError, CredguardError, UserContext
from credguard.contrib.history import (
    HistoryStore,
    HistoryStoreError,
    InMemoryHistoryStore,
    record_password,
    with_stored_hashes,
)
from credguard.testing import cheap_hasher

HASHES = tuple(f"$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ${n:032d}" for n in range(30))
ALICE = types.SimpleNamespace(pk=1)
BOB = types.SimpleNamespace(pk=2)
UNSAVED = types.SimpleNamespace(pk=None)


class TestInMemoryHistoryStore:
    def test_is_a_history_store(self) -> None:
        assert isinstance(InMemoryHistoryStore(), HistoryStore)
        assert not isinstance(object(), HistoryStore)

    def test_round_trip_per_user_and_kind(self) -> None:
        store = InMemoryHistoryStore()
        store.set(ALICE, "login", HASHES[:2])
        store.set(ALICE, "trade", HASHES[2:3])
        assert store.get(ALICE, "login") == HASHES[:2]
        assert store.get(ALICE, "trade") == HASHES[2:3]
        assert store.get(ALICE, "withdrawal") == ()
        assert store.get(BOB, "login") == ()

    def test_custom_key(self) -> None:
        store = InMemoryHistoryStore(key=lambda user: user.email)
        store.set(types.SimpleNamespace(email="a@example.jp"), "login", HASHES[:1])
        assert store.get(types.SimpleNamespace(email="a@example.jp"), "login") == HASHES[:1]

    def test_unsaved_user(self) -> None:
        store = InMemoryHistoryStore()
        assert store.get(UNSAVED, "login") == ()
        with pytest.raises(HistoryStoreError, match="no key"):
            store.set(UNSAVED, "login", HASHES[:1])

    @pytest.mark.parametrize("hashes", [("",), (b"x",), (None,)])
    def test_rejects_non_hashes(self, hashes: tuple[object, ...]) -> None:
        with pytest.raises(HistoryStoreError):
            InMemoryHistoryStore().set(ALICE, "login", hashes)  # type: ignore[arg-type]

    def test_unknown_kind(self) -> None:
        with pytest.raises(HistoryStoreError, match="unknown password kind") as caught:
            InMemoryHistoryStore().get(ALICE, "deposit")
        assert isinstance(caught.value, CredguardError)
        assert isinstance(caught.value, ValueError)

    def test_repr_shows_no_hash(self) -> None:
        store = InMemoryHistoryStore()
        store.set(ALICE, "login", HASHES[:1])
        assert repr(store) == "InMemoryHistoryStore(<1 histories>)"

    def test_threads(self) -> None:
        store = InMemoryHistoryStore()
        users = [types.SimpleNamespace(pk=n) for n in range(16)]

        def write(user: types.SimpleNamespace) -> None:
            for n in range(50):
                store.set(user, "login", (HASHES[n % 30],))

        threads = [threading.Thread(target=write, args=(user,)) for user in users]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert all(store.get(user, "login") == (HASHES[49 % 30],) for user in users)


class TestWithStoredHashes:
    def test_fills_history_and_other_credentials(self) -> None:
        store = InMemoryHistoryStore()
        store.set(ALICE, "login", HASHES[:5])
        store.set(ALICE, "withdrawal", HASHES[10:12])
        context = UserContext(username="taro_y")
        filled = with_stored_hashes(context, store, ALICE, "login", depth=3)
        assert filled.password_history == HASHES[:3]
        assert dict(filled.other_credentials) == {"withdrawal": HASHES[10]}
        assert filled.username == "taro_y"
        assert context.password_history == ()  # the original is unchanged

    def test_default_depth_keeps_at_most_the_context_cap(self) -> None:
        store = InMemoryHistoryStore()
        store.set(ALICE, "trade", HASHES)
        filled = with_stored_hashes(UserContext(), store, ALICE, "trade")
        assert filled.password_history == HASHES[:24]

    @pytest.mark.parametrize("depth", [-1, 25])
    def test_bad_depth(self, depth: int) -> None:
        with pytest.raises(HistoryStoreError, match="depth"):
            with_stored_hashes(UserContext(), InMemoryHistoryStore(), ALICE, "login", depth=depth)

    def test_broken_store_raises(self) -> None:
        class Broken:
            def get(self, user: object, kind: str) -> tuple[object, ...]:
                return (42,)

            def set(self, user: object, kind: str, hashes: object) -> None:
                raise AssertionError("not called")

        with pytest.raises(ContextError, match="password_history"):
            with_stored_hashes(UserContext(), Broken(), ALICE, "login")  # type: ignore[arg-type]


class TestRecordPassword:
    def test_new_hash_first_trimmed_to_generations(self) -> None:
        store = InMemoryHistoryStore()
        hasher = cheap_hasher()
        passwords = ("Spring-Tanuki-1", "Summer-Tanuki-2", "Autumn-Tanuki-3")
        for password in passwords:
            record_password(store, ALICE, "trade", password, hasher=hasher, generations=2)
        stored = store.get(ALICE, "trade")
        assert len(stored) == 2
        assert hasher.verify(stored[0], passwords[2])
        assert hasher.verify(stored[1], passwords[1])
        assert store.get(ALICE, "login") == ()

    def test_unknown_kind_hashes_nothing(self) -> None:
        store = InMemoryHistoryStore()
        with pytest.raises(HistoryStoreError):
            record_password(store, ALICE, "deposit", "Spring-Tanuki-1", hasher=cheap_hasher())
        assert repr(store) == "InMemoryHistoryStore(<0 histories>)"
