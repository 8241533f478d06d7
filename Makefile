# Metka — two commands set up a fresh Debian machine:
#   make run    installs missing apt packages, builds release, tags the bundled sample article
#   make test   installs missing apt packages, runs the whole test suite (fails if none ran)
SWIFT ?= swift
APT_PACKAGES := libicu-dev libsqlite3-dev
SAMPLE := Tests/Fixtures/sample/rbc-mfa-cyber-guarantees.txt
CORPUS ?= ../shared/corpora
# Release builds skip Swift's run-time exclusivity checks (swift_beginAccess on every class-field and
# global access: ~2.4 % of tagging instructions, callgrind). The compile-time checks still apply, and
# debug builds and the tests keep the run-time ones. Set here, not in Package.swift, because
# `unsafeFlags` there would stop other packages from depending on MetkaCore.
RELEASE_FLAGS ?= -Xswiftc -enforce-exclusivity=unchecked

.PHONY: deps build release run test bench bench-archive bench-cooccur bench-scale bench-postgres check-data clean

deps:
	@bash .ci/install-deps

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product metka

run: release
	.build/release/metka tag --published 2021-03-25 < $(SAMPLE)

test: deps
	@bash .ci/run-tests

check-data: build
	.build/debug/metka gazetteer check

bench: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product metka
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product metka-bench
	.build/release/metka-bench --corpus $(CORPUS) --metka .build/release/metka

bench-archive: release
	CORPUS=$(CORPUS) bash Benchmarks/bench-archive.sh

bench-cooccur: release
	bash Benchmarks/bench-cooccur.sh

bench-scale: release
	CORPUS=$(CORPUS) bash Benchmarks/bench-scale.sh

bench-postgres: release
	CORPUS=$(CORPUS) bash Benchmarks/bench-postgres.sh

clean:
	rm -rf .build
