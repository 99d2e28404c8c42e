"""Loopback fakes of the messaging providers' APIs (tests and benchmarks).

`tests.fakes.twilio.FakeTwilio`, `tests.fakes.zalo.FakeZalo`, `tests.fakes.esms.FakeEsms`; the
shared machinery is in `tests.fakes.base`.
"""
