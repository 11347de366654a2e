package dev.chorus.signaling;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every client message type some {@link SocketHandler} in the code handles (what the router
 * routes).
 */
final class HandledTypes {
  private HandledTypes() {}

  static Set<String> all() throws Exception {
    var types = new TreeSet<String>();
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chorus");
    for (var c : classes) {
      if (c.isAssignableTo(SocketHandler.class)
          && !c.isInterface()
          && !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)) {
        var type = Class.forName(c.getName());
        if (!Modifier.isAbstract(type.getModifiers())) {
          var handler = (SocketHandler) type.getDeclaredConstructor().newInstance();
          types.addAll(handler.types());
        }
      }
    }
    return types;
  }
}
