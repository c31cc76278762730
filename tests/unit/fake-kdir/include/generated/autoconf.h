#define CONFIG_CC_VERSION_TEXT "fakecc (Test) 1.0"
#define CONFIG_FAKE_FEATURE 1
