package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The Jib configuration in the poms fits the apps it packages. */
class JibImagesTest {

    private final Project project = Project.get();

    @Test
    void springImagesStartTheAppsMainClassAndExposeItsPorts() {
        for (SpringApp app : List.of(project.gateway, project.poller)) {
            JibImages.Image image = project.image(app.module());
            assertThat(image.mainClass()).as("Jib container.mainClass of %s", app.module()).isPresent();
            assertThat(app.dir().resolve("target/classes").resolve(image.mainClass().get().replace('.', '/') + ".class"))
                    .as("Jib container.mainClass of %s", app.module()).isRegularFile();
            assertThat(image.ports()).as("Jib container.ports of %s", app.module())
                    .contains(app.serverPort(), app.managementPort());
        }
    }

    @Test
    void springImagesExitOnOutOfMemorySoThatThePlatformRestartsThem() {
        for (SpringApp app : List.of(project.gateway, project.poller)) {
            assertThat(project.image(app.module()).jvmFlags()).as("Jib container.jvmFlags of %s", app.module())
                    .contains("-XX:+ExitOnOutOfMemoryError");
        }
    }

    @Test
    void aggregatorImageCarriesTheShadedJarForSparkSubmit() {
        JibImages.Image image = project.image(Aggregator.MODULE);
        assertThat(image.extraDirectories()).as("Jib extraDirectories of %s: where the shaded jar %s goes",
                Aggregator.MODULE, project.aggregator.shadedJar()).isNotEmpty();
        assertThat(image.mainClass()).as("the aggregator image keeps the Spark image's entrypoint").isEmpty();
    }

    @Test
    void imagesAreNamedAfterTheirModuleAndTaggedWithTheProjectVersion() {
        project.images.forEach((module, image) -> {
            assertThat(image.repository()).as("Jib to.image of %s", module).endsWith("streamgate/" + module);
            assertThat(image.tags()).as("Jib tags of %s", module).contains(project.version);
        });
    }
}
