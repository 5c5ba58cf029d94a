package io.capstan.server;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.util.List;
import java.util.Map;

/**
 * One API route: how Javalin serves it and how {@code /openapi.json} describes it, from one definition so the two
 * cannot drift apart.
 *
 * @param path      Javalin's form: {@code {id}} for one segment, {@code <image>} for an image name that may hold
 *                  {@code /}
 * @param query     query parameters: name to description
 * @param body      what the JSON body holds, or null when there is none
 * @param responses status code to description
 */
public record Route(HandlerType method, String path, String summary, Handler handler, Map<String, String> query,
                    String body, Map<Integer, String> responses) {

    /** Whether the route changes state, and so needs an admin token. */
    public boolean mutating() {
        return mutating(method);
    }

    static boolean mutating(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    /** The path as OpenAPI writes it. */
    public String openApiPath() {
        return path.replace('<', '{').replace('>', '}');
    }

    /** Names of the path parameters, in order. */
    public List<String> pathParameters() {
        return java.util.regex.Pattern.compile("[{<]([^}>]+)[}>]").matcher(path).results()
                .map(m -> m.group(1)).toList();
    }
}
