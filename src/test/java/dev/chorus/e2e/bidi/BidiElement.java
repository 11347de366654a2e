package dev.chorus.e2e.bidi;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Point;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;

/**
 * A DOM node of the page, held by its BiDi shared id
 * (https://w3c.github.io/webdriver-bidi/#type-script-SharedReference). Reads run as small functions
 * in the page; click and sendKeys are real input. The rules for "displayed", "text" and "attribute"
 * follow what Selenium's atoms do for the elements these tests read.
 */
final class BidiElement implements WebElement {
  /** Selenium's isDisplayed for these pages: rendered, not hidden or transparent, has a size. */
  private static final String SHOWN =
      "const shown = (el) => {"
          + " if (el.localName === 'option' || el.localName === 'optgroup') {"
          + "   el = el.closest('select') || el; }"
          + " if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) {"
          + "   return false; }"
          + " const sized = (e) => { const r = e.getBoundingClientRect();"
          + "   return (r.width > 0 && r.height > 0) || Array.from(e.children).some(sized); };"
          + " return sized(el); };";

  /** Booleans Selenium's getAttribute gives as "true" or null. */
  private static final String BOOLEAN_ATTRIBUTES =
      "['async','autofocus','autoplay','checked','controls','default','defer','disabled',"
          + "'formnovalidate','hidden','ismap','loop','multiple','muted','novalidate','open',"
          + "'playsinline','readonly','required','reversed','selected']";

  private static final String FIND =
      "(root, using, value) => { root = root || document;"
          + " let found;"
          + " switch (using) {"
          + "  case 'css selector': found = root.querySelectorAll(value); break;"
          + "  case 'tag name': found = root.getElementsByTagName(value); break;"
          + "  case 'id': found = root.querySelectorAll('#' + CSS.escape(value)); break;"
          + "  case 'class name': found = root.querySelectorAll('.' + CSS.escape(value)); break;"
          + "  case 'name': found = root.querySelectorAll('[name=\"' + CSS.escape(value) + '\"]');"
          + "   break;"
          + "  case 'xpath': { const r = document.evaluate(value, root, null,"
          + "    XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null); found = [];"
          + "    for (let i = 0; i < r.snapshotLength; i++) found.push(r.snapshotItem(i)); break; }"
          + "  default: throw new Error('unsupported locator ' + using); }"
          + " return Array.from(found); }";

  private final BidiDriver driver;
  private final String sharedId;

  BidiElement(BidiDriver driver, String sharedId) {
    this.driver = driver;
    this.sharedId = sharedId;
  }

  String sharedId() {
    return sharedId;
  }

  /** Elements matching {@code by} under {@code root}, or in the whole document when null. */
  @SuppressWarnings("unchecked")
  static List<WebElement> find(BidiDriver driver, BidiElement root, By by) {
    if (!(by instanceof By.Remotable remotable)) {
      throw new UnsupportedOperationException("locator " + by);
    }
    var parameters = remotable.getRemoteParameters();
    var using = parameters.using();
    var value = String.valueOf(parameters.value());
    if (root != null) {
      return (List<WebElement>)
          root.run("(el, using, value) => (" + FIND + ")(el, using, value)", using, value);
    }
    return (List<WebElement>) driver.call(FIND, null, using, value);
  }

  /**
   * Calls {@code function(el, ...args)} on this node; a node that has left the document is stale,
   * as in Selenium.
   */
  private Object run(String function, Object... args) {
    var all = new Object[args.length + 1];
    all[0] = this;
    System.arraycopy(args, 0, all, 1, args.length);
    return driver.call(
        "async function(el, ...args) { if (!el.isConnected) throw new Error('"
            + BidiDriver.STALE
            + "'); return ("
            + function
            + ")(el, ...args); }",
        all);
  }

  @Override
  public void click() {
    var option =
        run(
            "(el) => { if (el.localName !== 'option') {"
                + " el.scrollIntoView({block: 'center', inline: 'center'}); return false; }"
                // Clicking an option selects it, as drivers do, without opening the list.
                + " const select = el.closest('select'); el.selected = true;"
                + " if (select) { select.dispatchEvent(new Event('input', {bubbles: true}));"
                + "   select.dispatchEvent(new Event('change', {bubbles: true})); }"
                + " return true; }");
    if (!Boolean.TRUE.equals(option)) {
      driver.performActions(BidiInput.click(sharedId));
    }
  }

  @Override
  public void sendKeys(CharSequence... keysToSend) {
    // WebDriver's Element Send Keys: focus the element, caret at the end, then type.
    run(
        "(el) => { if (document.activeElement !== el) { el.focus();"
            + " if (typeof el.value === 'string' && el.setSelectionRange) {"
            + "   try { el.setSelectionRange(el.value.length, el.value.length); } catch (e) {} } } }");
    driver.performActions(BidiInput.type(String.join("", keysToSend)));
  }

  @Override
  public void clear() {
    run(
        "(el) => { el.focus(); el.value = '';"
            + " el.dispatchEvent(new Event('input', {bubbles: true}));"
            + " el.dispatchEvent(new Event('change', {bubbles: true})); el.blur(); }");
  }

  @Override
  public void submit() {
    run("(el) => (el.form || el).requestSubmit()");
  }

  @Override
  public String getTagName() {
    return (String) run("(el) => el.localName");
  }

  @Override
  public String getAttribute(String name) {
    return (String)
        run(
            "(el, name) => { const n = name.toLowerCase();"
                + " if (n === 'style' || n === 'class') return el.getAttribute(n);"
                + " if (n === 'selected' || n === 'checked') {"
                + "   return el.selected || el.checked ? 'true' : null; }"
                + " if ("
                + BOOLEAN_ATTRIBUTES
                + ".includes(n)) return el[n] === true || el.hasAttribute(n) ? 'true' : null;"
                + " const p = el[name];"
                + " if (p !== undefined && p !== null && typeof p !== 'object'"
                + "   && typeof p !== 'function') return String(p);"
                + " return el.getAttribute(name); }",
            name);
  }

  @Override
  public String getDomAttribute(String name) {
    return (String) run("(el, name) => el.getAttribute(name)", name);
  }

  @Override
  public String getDomProperty(String name) {
    var value = run("(el, name) => el[name]", name);
    return value == null ? null : String.valueOf(value);
  }

  @Override
  public boolean isSelected() {
    return Boolean.TRUE.equals(run("(el) => !!(el.selected || el.checked)"));
  }

  @Override
  public boolean isEnabled() {
    return Boolean.TRUE.equals(run("(el) => !el.matches(':disabled')"));
  }

  @Override
  public boolean isDisplayed() {
    return Boolean.TRUE.equals(run("(el) => { " + SHOWN + " return shown(el); }"));
  }

  /** The rendered text, as Selenium gives it: empty when hidden, trimmed, no-break spaces plain. */
  @Override
  public String getText() {
    return (String)
        run(
            "(el) => { "
                + SHOWN
                + " return shown(el) ? el.innerText.replace(/\\u00a0/g, ' ').trim() : ''; }");
  }

  @Override
  public List<WebElement> findElements(By by) {
    return find(driver, this, by);
  }

  @Override
  public WebElement findElement(By by) {
    var found = findElements(by);
    if (found.isEmpty()) {
      throw new NoSuchElementException("no element " + by + " in " + this);
    }
    return found.get(0);
  }

  @Override
  public Rectangle getRect() {
    @SuppressWarnings("unchecked")
    var r =
        (Map<String, Object>)
            run(
                "(el) => { const r = el.getBoundingClientRect();"
                    + " return {x: Math.round(r.x + scrollX), y: Math.round(r.y + scrollY),"
                    + " width: Math.round(r.width), height: Math.round(r.height)}; }");
    return new Rectangle(
        ((Long) r.get("x")).intValue(),
        ((Long) r.get("y")).intValue(),
        ((Long) r.get("height")).intValue(),
        ((Long) r.get("width")).intValue());
  }

  @Override
  public Point getLocation() {
    return getRect().getPoint();
  }

  @Override
  public Dimension getSize() {
    return getRect().getDimension();
  }

  @Override
  public String getCssValue(String propertyName) {
    return (String) run("(el, name) => getComputedStyle(el).getPropertyValue(name)", propertyName);
  }

  @Override
  public <X> X getScreenshotAs(OutputType<X> target) {
    throw new UnsupportedOperationException("element screenshots");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BidiElement other && other.sharedId.equals(sharedId);
  }

  @Override
  public int hashCode() {
    return sharedId.hashCode();
  }

  @Override
  public String toString() {
    return "BidiElement[" + sharedId + "]";
  }
}
