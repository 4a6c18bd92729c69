package io.wssocket.cdi.broken;

import jakarta.enterprise.context.Dependent;

@Dependent
public class Square implements Shape {
}
