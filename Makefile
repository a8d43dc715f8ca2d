# reel — the user-facing targets. CMake does the building underneath.
#   make demo    install what is missing, build, ingest examples/, print a report
#   make check   install what is missing, build normal + ASan/UBSan, run all tests
#   make bench   benchmarks with their anchors side by side (bench/)
#   make fuzz    run every libFuzzer target for FUZZ_SECONDS each
#   make install install the command, library (multiarch libdir), header, model,
#                reel.pc, CMake package config and man pages (DESTDIR=... honoured)
#   make deb     a Debian package of the same (CPack), in $(BUILD)/

PACKAGES = build-essential cmake pkg-config clang libclang-rt-14-dev \
  libxml2-dev libutf8proc-dev libsqlite3-dev libjansson-dev zlib1g-dev \
  libssl-dev libcmocka-dev liblinear-dev libmicrohttpd-dev libpq-dev \
  postgresql parallel sqlite3 man-db python3-distributed dpkg-dev file libexttextcat-dev \
  python3-pytest python3-venv python3-pip python3-setuptools python3-wheel python3-pandas \
  time
BENCH_PACKAGES = fasttext liblinear-tools python3-readability python3-nltk \
  python3-lxml wrk hyperfine
BROWSER_PACKAGES = chromium

JOBS ?= 2
MAKEFLAGS += --no-print-directory
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_SECONDS ?= 60
DB ?= reel.db
DEMO_FILM ?= Parasite

.PHONY: all deps bench-deps browser-deps build asan demo check bench fuzz install deb clean

all: build

# Install only the Debian packages that are missing (apt-get update once).
deps:
	@./scripts/ensure-packages $(PACKAGES)

bench-deps:
	@./scripts/ensure-packages $(PACKAGES) $(BENCH_PACKAGES)

# chromium, node and npm for tests/browser.sh (web/)
# (node and npm: Debian's, unless the machine already has them from elsewhere)
browser-deps:
	@./scripts/ensure-packages $(BROWSER_PACKAGES)
	@command -v node >/dev/null && command -v npm >/dev/null || ./scripts/ensure-packages nodejs npm

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DREEL_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j$(JOBS)

demo: build
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	./$(BUILD)/reel ingest --db $(DB) examples/
	./$(BUILD)/reel films --db $(DB)
	./$(BUILD)/reel film --db $(DB) "$(DEMO_FILM)"

check: build asan browser-deps
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j$(JOBS)

bench: bench-deps build
	@./bench/run.sh $(BUILD)

fuzz: deps
	@CC=clang cmake -S . -B build-fuzz -DREEL_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREEL_SANITIZE=ON >/dev/null
	@cmake --build build-fuzz -j$(JOBS)
	@./fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

install: build
	cmake --install $(BUILD)

# installs under /usr (CPack's DEB generator); the build dir is reused
deb: build
	cd $(BUILD) && cpack -G DEB

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz
