package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrthancRouterTest {
    private final RestHandler h1 = call -> { };
    private final RestHandler h2 = call -> { };

    @Test
    void literalsWinOverParametersAndEmptyComponentsAreDropped() {
        OrthancRouter r = new OrthancRouter().get("/instances/{id}", h1).get("/instances/{id}/tags", h2)
                .get("/tools/now", h2).get("/tools/{name}", h1);
        assertThat(r.match(OrthancRouter.split("//instances/abc/")).parameters()).containsEntry("id", "abc");
        assertThat(r.match(OrthancRouter.split("/instances/abc/tags")).handlers().get(HttpMethod.GET)).isSameAs(h2);
        assertThat(r.match(OrthancRouter.split("/tools/now")).handlers().get(HttpMethod.GET)).isSameAs(h2);
        assertThat(r.match(OrthancRouter.split("/tools/other")).handlers().get(HttpMethod.GET)).isSameAs(h1);
        assertThat(r.match(OrthancRouter.split("/nope"))).isNull();
    }

    @Test
    void allowListsRegisteredMethodsInOrthancOrder() {
        OrthancRouter r = new OrthancRouter().delete("/changes", h1).get("/changes", h2);
        assertThat(r.match(List.of("changes")).allow()).isEqualTo("GET,DELETE");
    }

    @Test
    void trailingParameterTakesTheRest() {
        OrthancRouter r = new OrthancRouter().get("/instances/{id}/content/{path...}", h1);
        OrthancRouter.Match m = r.match(OrthancRouter.split("/instances/x/content/0008-1140/0/0008-1150"));
        assertThat(m.parameters()).containsEntry("path", "0008-1140/0/0008-1150");
        assertThat(m.trailing()).containsExactly("0008-1140", "0", "0008-1150");
        assertThat(r.match(OrthancRouter.split("/instances/x/content")).trailing()).isEmpty();
    }
}
