package io.scouter.it.arquillian;

import java.util.List;

/** A captured record argument. @param user who @param prices item prices in cents */
public record Cart(String user, List<Integer> prices) {}
