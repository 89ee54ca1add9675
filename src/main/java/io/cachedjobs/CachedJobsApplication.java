package io.cachedjobs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CachedJobsApplication {
    public static void main(String[] args) {
        SpringApplication.run(CachedJobsApplication.class, args);
    }
}
