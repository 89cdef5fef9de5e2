package io.github.sendmsg.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one benchmark method a given number of times, untimed, for the syscall census
 * ({@code src/jmh/scripts/census.py} runs it under {@code strace -f -c} twice, with two op counts, and
 * divides the difference by the difference of the counts, so start-up and tear-down cancel):
 * <pre>
 *   java … io.github.sendmsg.bench.Census OursNativeMessage.descriptor 10000 [length=64 …]
 * </pre>
 * It does what JMH does around the method, without JMH's threads: makes the state objects, sets their
 * {@code @Param} fields (the first value of each unless given), calls their {@code @Setup} methods
 * (superclass first), warms up with the same number of calls in every run, then calls the benchmark
 * method the given number of times, and the {@code @TearDown} methods.
 */
public final class Census {

    /** Calls before the counted ones, the same in every run: {@code -Dcensus.warmup=N}, 500 unless given. */
    private static final int WARM_UP = Integer.getInteger("census.warmup", 500);

    private Census() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2 || !args[0].contains(".")) {
            System.err.println("usage: Census <BenchmarkClass>.<method> <ops> [param=value ...]");
            System.exit(2);
        }
        String className = args[0].substring(0, args[0].lastIndexOf('.'));
        String methodName = args[0].substring(args[0].lastIndexOf('.') + 1);
        long ops = Long.parseLong(args[1]);
        Map<String, String> params = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            params.put(kv[0], kv[1]);
        }
        Class<?> benchmarkClass = Class.forName(Census.class.getPackageName() + "." + className);
        Method method = null;
        for (Method m : benchmarkClass.getMethods()) {
            if (m.getName().equals(methodName) && m.isAnnotationPresent(Benchmark.class)) {
                method = m;
            }
        }
        if (method == null) {
            throw new IllegalArgumentException("no @Benchmark method " + methodName + " in " + benchmarkClass.getName());
        }
        Object benchmark = Modifier.isAbstract(benchmarkClass.getModifiers()) ? null
                : benchmarkClass.getDeclaredConstructor().newInstance();
        List<Object> states = new ArrayList<>();
        for (Class<?> type : method.getParameterTypes()) {
            Object state = type.getDeclaredConstructor().newInstance();
            for (Field field : type.getFields()) {
                Param param = field.getAnnotation(Param.class);
                if (param != null) {
                    String value = params.getOrDefault(field.getName(), param.value()[0]);
                    field.set(state, field.getType() == int.class ? Integer.parseInt(value) : value);
                }
            }
            invokeAll(state, Setup.class);
            states.add(state);
        }
        Object[] arguments = states.toArray();
        for (int i = 0; i < WARM_UP; i++) {
            call(method, benchmark, arguments);
        }
        for (long i = 0; i < ops; i++) {
            call(method, benchmark, arguments);
        }
        for (Object state : states) {
            invokeAll(state, TearDown.class);
        }
        System.out.println("census: " + ops + " ops of " + args[0] + " after " + WARM_UP + " to warm up");
    }

    private static void call(Method method, Object target, Object[] arguments) throws Throwable {
        try {
            method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Calls every public no-argument method of {@code state} annotated {@code annotation}, superclass first. */
    private static void invokeAll(Object state, Class<? extends java.lang.annotation.Annotation> annotation) throws Throwable {
        Deque<Class<?>> hierarchy = new ArrayDeque<>();
        for (Class<?> c = state.getClass(); c != Object.class; c = c.getSuperclass()) {
            hierarchy.push(c);
        }
        for (Class<?> c : hierarchy) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(annotation) && m.getParameterCount() == 0) {
                    m.setAccessible(true);
                    call(m, state, new Object[0]);
                }
            }
        }
    }
}
