package dev.keycard.it;

import java.io.File;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium through Debian's chromedriver, headless: nothing is downloaded at test time. */
final class Chromium {

    static final String CHROMIUM = System.getProperty("it.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");

    private Chromium() {}

    /** Skips the test class (or fails it under CI) when the browser is not installed. */
    static void require(String test) {
        Programs.require(
                Programs.installed(CHROMIUM) && Programs.installed(CHROMEDRIVER),
                test + ": Chromium and chromedriver (Debian: apt-get install chromium chromium-driver; "
                        + "elsewhere -Dit.chromium=PATH -Dit.chromedriver=PATH)");
    }

    static WebDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // As root in a container: no sandbox; no background traffic to Google on a closed network.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .build();
        return new ChromeDriver(service, options);
    }
}
