package dev.ebbflow.testkit.kube;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(RealControlPlane.class)}: test methods and lifecycle methods take the run's
 * {@link ControlPlane} as a parameter. Starting it is {@link ControlPlane#shared()}'s job, so every
 * class of the run shares one.
 */
public final class RealControlPlane implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ControlPlane.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return ControlPlane.shared();
    }
}
